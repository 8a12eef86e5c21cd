from django.urls import path

from nominations.views import parent, private, public

app_name = "nominations"
urlpatterns = [
    path("new/", public.nominate, name="nominate"),
    path("sent/", public.sent, name="sent"),
    path("confirm/<str:code>/", public.confirm, name="confirm"),
    path("confirm/<str:code>/resend/", public.resend, name="resend"),
    path("employers/suggest/", public.suggest_employers, name="suggest_employers"),
    path("mine/<str:token>/", private.private, name="private"),
    path("mine/<str:token>/edit/", private.edit, name="edit"),
    path("mine/<str:token>/data.json", private.data_json, name="data_json"),
    path("mine/<str:token>/data.csv", private.data_csv, name="data_csv"),
    path("mine/<str:token>/withdraw/", private.withdraw, name="withdraw"),
    path("withdrawn/", private.withdrawn, name="withdrawn"),
    path("parent/<str:code>/", parent.consent, name="parent"),
]
