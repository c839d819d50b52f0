"""The real URL configuration plus two views that exist only in tests: one that crashes and one
that takes a JSON body, to prove the error paths no real endpoint may be used for."""
from django.urls import path
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from rwc.urls import handler400, handler403, handler404, handler500  # noqa: F401
from rwc.urls import urlpatterns as real_patterns


class Crash(APIView):
    def get(self, request):
        raise RuntimeError("secret internal detail: password=hunter2")


class EchoInput(serializers.Serializer):
    birth_date = serializers.DateField()
    postcode = serializers.RegexField(r"^\d{4} ?[A-Z]{2}$")
    desk_ids = serializers.ListField(child=serializers.UUIDField(), min_length=1)


class Echo(APIView):
    def post(self, request):
        data = EchoInput(data=request.data)
        data.is_valid(raise_exception=True)
        return Response(data.validated_data, status=201)


urlpatterns = [
    path("api/v1/test-crash", Crash.as_view()),
    path("api/v1/test-echo", Echo.as_view()),
    *real_patterns,
]
