"""The POST data a browser would send from a rendered form, as it stands."""

from html.parser import HTMLParser


class _FormParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = []
        self._form = None
        self._select = None
        self._textarea = None
        self._option = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._form = {"attrs": attrs, "fields": []}
            self.forms.append(self._form)
        if self._form is None:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text").lower()
            if kind in ("submit", "button", "reset", "image", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            default = "on" if kind in ("checkbox", "radio") else ""
            self._form["fields"].append((name, attrs.get("value") or default))
        elif tag == "select" and name:
            self._select = {"name": name, "multiple": "multiple" in attrs, "chosen": []}
        elif tag == "option" and self._select is not None:
            self._option = attrs
            self._option_text = ""
        elif tag == "textarea" and name:
            self._textarea = [name, ""]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data
        elif self._option is not None:
            self._option_text += data

    def handle_endtag(self, tag):
        if tag == "option" and self._option is not None:
            if "selected" in self._option:
                value = self._option.get("value", self._option_text.strip())
                self._select["chosen"].append(value)
            self._option = None
        elif tag == "select" and self._select is not None:
            chosen = self._select["chosen"]
            if not chosen and not self._select["multiple"]:
                chosen = [""]
            self._form["fields"].extend((self._select["name"], v) for v in chosen)
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            name, text = self._textarea
            # Browsers drop the newline that follows <textarea>.
            self._form["fields"].append((name, text.removeprefix("\n")))
            self._textarea = None
        elif tag == "form":
            self._form = None


def form_data(response, **changes):
    """The fields of the page's main form (the one with the most fields: not
    the sign-out or language form), as a dict for the test client: lists for
    repeated names, `changes` applied on top."""
    parser = _FormParser()
    parser.feed(response.content.decode())
    assert parser.forms, "No form on the page"
    form = max(parser.forms, key=lambda form: len(form["fields"]))
    data = {}
    for name, value in form["fields"]:
        if name in data:
            previous = data[name]
            data[name] = (
                [*previous, value]
                if isinstance(previous, list)
                else [
                    previous,
                    value,
                ]
            )
        else:
            data[name] = value
    data.pop("csrfmiddlewaretoken", None)
    data.update(changes)
    return data
