from tests.api.routes import api_routes


def test_route_enumeration_finds_the_organisation_routes_with_their_methods():
    routes = {r.name: r for r in api_routes()}
    assert routes["v1:desk-detail"].template == "/api/v1/desks/{id}"
    assert routes["v1:desk-list"].methods == ("GET",)
    assert routes["v1:me"].template == "/api/v1/me"
    assert routes["v1:openapi-json"].template == "/api/v1/openapi.json"
