"""Staff sign-in from a browser: the sign-in pages, two-factor authentication, OpenID Connect
single sign-on, sessions and the public web client (README "Signing in")."""
