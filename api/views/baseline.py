"""The benchmark's yardstick (only with BENCHMARK_BASELINE, never in production): the same client
rows a list shows, through a plain DRF list view with no access filtering and no processing log,
so every measured figure can be given as a ratio to what DRF itself costs on this machine."""
from rest_framework import generics, serializers
from rest_framework.permissions import IsAuthenticated

from clients.models import Client


class BaselineClientSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)

    class Meta:
        model = Client
        fields = ["id", "given_names", "name_prefix", "surname", "birth_date", "postcode", "city", "education_level",
                  "registered_at"]


class BaselineClientList(generics.ListAPIView):
    permission_classes = [IsAuthenticated]
    serializer_class = BaselineClientSerializer
    queryset = Client.objects.order_by("surname", "given_names", "id")
