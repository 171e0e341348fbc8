import django_filters
from django.core.exceptions import ValidationError
from django_filters.fields import ModelChoiceField


class PlaceChoiceField(ModelChoiceField):
    """A place by its code or, failing that, by a name or spelling that
    finds only one of the choices (PlaceQuerySet.search): `?district=komreing`
    finds Kamrieng."""

    def to_python(self, value):
        try:
            return super().to_python(value)
        except ValidationError:
            matches = list(self.queryset.search(str(value))[:2])
            if len(matches) == 1:
                return matches[0]
            raise


class PlaceChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = PlaceChoiceField
