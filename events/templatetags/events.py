from django import template

from events.models import Activity

register = template.Library()


@register.simple_tag(takes_context=True)
def activities_of(context, organization, limit=10):
    """The latest activities `organization` took part in that the viewer may see.

    A tag, so that member profiles can list them without members importing
    events (imports flow casestudies -> events -> members).
    """
    user = context["request"].user
    return list(
        Activity.objects.visible_to(user)
        .involving(organization)
        .order_by("-starts_at")
        .only("slug", "title_en", "title_km", "starts_at", "kind", "is_example")[:limit]
    )
