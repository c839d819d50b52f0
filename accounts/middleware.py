"""Headers and session rules for the pages a person fills in."""

PAGE_REFERRER_POLICY = "same-origin"


class PageReferrerPolicyMiddleware:
    """HTML pages get `Referrer-Policy: same-origin`; everything else keeps the site-wide `no-referrer`.

    With `no-referrer` on the page that holds a form, Chromium sends `Origin: null` when the form is
    posted, and Django's CSRF check refuses it ("Origin checking failed - null does not match"). With
    `same-origin` the browser names our own origin on our own forms and nothing to other sites. Placed
    below SecurityMiddleware, which only sets its policy where none is set yet.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.get("Content-Type", "").startswith("text/html") and "Referrer-Policy" not in response:
            response["Referrer-Policy"] = PAGE_REFERRER_POLICY
        return response
