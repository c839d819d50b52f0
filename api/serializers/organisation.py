"""Organisation records as the API shows them: UUIDs as ids, references as small objects."""
from django.db import models
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from rwc.models import Desk, DeskRole, PartnerKind, PartnerOrganisation, Region, RegionRoleKind


class RegionRefSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)

    class Meta:
        model = Region
        fields = ["id", "name"]


class RegionSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)

    class Meta:
        model = Region
        fields = ["id", "name", "code"]


class DeskRefSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)

    class Meta:
        model = Desk
        fields = ["id", "name", "kind"]


class DeskSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    region = RegionRefSerializer(read_only=True)
    merged_into = serializers.UUIDField(
        source="merged_into.uuid", read_only=True, allow_null=True, default=None,
        help_text="The desk this one was merged into, if any.",
    )

    class Meta:
        model = Desk
        fields = ["id", "name", "kind", "region", "is_active", "merged_into", "has_bsn_legal_basis"]


class PartnerOrganisationSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    region = RegionRefSerializer(read_only=True)

    class Meta:
        model = PartnerOrganisation
        fields = ["id", "name", "kind", "region", "kvk_number", "is_active"]


class MembershipSerializer(serializers.Serializer):
    desk = DeskRefSerializer()
    region = RegionRefSerializer(source="desk.region")
    role = serializers.ChoiceField(choices=DeskRole.choices)


class RegionRoleSerializer(serializers.Serializer):
    region = RegionRefSerializer()
    role = serializers.ChoiceField(choices=RegionRoleKind.choices)


class OrganisationRefSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="uuid")
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=PartnerKind.choices)
    region = RegionRefSerializer()


class PrincipalKind(models.TextChoices):
    STAFF = "staff", _("Staff member")
    PARTNER = "partner", _("Partner system")


class MeSerializer(serializers.Serializer):
    """Who the caller is, as the access core sees it."""

    id = serializers.UUIDField()
    kind = serializers.ChoiceField(choices=PrincipalKind.choices)
    username = serializers.CharField()
    display_name = serializers.CharField()
    desks = MembershipSerializer(many=True)
    region_roles = RegionRoleSerializer(many=True)
    organisation = OrganisationRefSerializer(allow_null=True)
    scopes = serializers.ListField(child=serializers.CharField())


