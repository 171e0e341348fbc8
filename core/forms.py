"""How forms render: Django's own form templates in their Jinja2 flavour.

A form with a few dozen fields and checkbox lists spends tens of milliseconds
in the Django template language, one `{% include %}` per widget and option;
the same templates in Jinja2 render several times faster. The output is the
same HTML, so the site's templates and tests do not see the difference.
"""

from functools import cached_property
from pathlib import Path

import django.forms
from django.conf import settings
from django.forms.renderers import BaseRenderer, TemplatesSetting
from django.template import TemplateDoesNotExist
from django.template.backends.jinja2 import Jinja2


class FormRenderer(BaseRenderer):
    """Form templates from `templates/jinja2/` (the site's overrides), then
    Django's Jinja2 form templates; any other form template (the admin's
    widgets, a library's) from the site's Django template engine as before.

    Override a form template in `templates/jinja2/`: a Django-language copy
    of a name Django ships in Jinja2 would be shadowed.
    """

    @cached_property
    def jinja2(self):
        return Jinja2(
            {
                "NAME": "forms",
                "APP_DIRS": False,
                "DIRS": [
                    settings.BASE_DIR / "templates" / "jinja2",
                    Path(django.forms.__file__).parent / "jinja2",
                ],
                "OPTIONS": {},
            }
        )

    @cached_property
    def fallback(self):
        return TemplatesSetting()

    def get_template(self, template_name):
        try:
            return self.jinja2.get_template(template_name)
        except TemplateDoesNotExist:
            return self.fallback.get_template(template_name)
