from django.urls import path

from contest import views

app_name = "contest"
urlpatterns = [
    path("", views.home, name="home"),
    path("rules/", views.rules, name="rules"),
    path("privacy/", views.privacy, name="privacy"),
]
