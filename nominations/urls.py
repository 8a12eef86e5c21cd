from django.urls import path

from nominations.views import private, public

app_name = "nominations"
urlpatterns = [
    path("new/", public.nominate, name="nominate"),
    path("sent/", public.sent, name="sent"),
    path("confirm/<str:code>/", public.confirm, name="confirm"),
    path("confirm/<str:code>/resend/", public.resend, name="resend"),
    path("employers/suggest/", public.suggest_employers, name="suggest_employers"),
    path("mine/<str:token>/", private.private, name="private"),
    path("mine/<str:token>/edit/", private.edit, name="edit"),
    path("mine/<str:token>/withdraw/", private.withdraw, name="withdraw"),
    path("withdrawn/", private.withdrawn, name="withdrawn"),
]
