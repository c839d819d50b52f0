"""What a referral shows of its client to each side (the API's and the web client's answer alike).

The receiver, before accepting, sees the client's name and age and only the data categories the
sender chose to share; the client's id (to open the record) only when `reveal_id`."""
from django.utils import timezone

from clients.choices import DataCategory
from rwc import processing


def shared_client(referral, *, reveal_id: bool) -> dict:
    client = referral.client
    processing.note_subject(client.pk)
    today = timezone.localdate()
    born = client.birth_date
    age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    data = {"id": client.uuid if reveal_id else None, "full_name": client.full_name, "age": age}
    shared = set(referral.shared_categories)
    if DataCategory.EDUCATION in shared:
        data.update(education_level=client.education_level, has_startkwalificatie=client.has_startkwalificatie)
    if DataCategory.CONTACT in shared:
        data.update(email=client.email, phone=client.phone, city=client.city)
    if DataCategory.BENEFITS in shared:
        data.update(benefit=client.benefit)
    return data
