from django import template
from django.urls import translate_url

register = template.Library()


@register.simple_tag(takes_context=True)
def url_in_language(context, language: str) -> str:
    """The current page's address in another language (falls back to that language's home, also on the
    error pages that Django renders without a request)."""
    request = context.get("request")
    if request is None:
        return f"/{language}/"
    translated = translate_url(request.get_full_path(), language)
    if translated == request.get_full_path():
        return f"/{language}/"
    return translated


@register.filter
def fields_with_errors(form) -> list:
    """The form's fields that have errors, for the error summary's list of links."""
    return [field for field in form if field.errors] if form else []
