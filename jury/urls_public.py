"""Public results pages (no login) and the employer's private claim link."""

from django.urls import path

import contest.converters  # noqa: F401 (registers the <id:…> and <year:…> converters)
from jury.views import employer, public

app_name = "results"
urlpatterns = [
    path("winners/", public.winners, name="winners"),
    path("winners/<year:year>/", public.winners, name="winners_of"),
    path("winners/<year:year>/share.png", public.winners_share_image, name="winners_share_image"),
    path("employers/", public.engaged_employers, name="engaged_employers"),
    path("employers/<id:pk>/", public.employer_page, name="employer"),
    path("employers/<id:pk>/share.png", public.employer_share_image, name="employer_share_image"),
    path("leaderboard/", public.leaderboard, name="leaderboard"),
    path("leaderboard/<year:year>/", public.leaderboard, name="leaderboard_of"),
    path("editions/", public.editions, name="editions"),
    path("employer/<str:token>/", employer.profile, name="employer_profile"),
    path("employer/<str:token>/badge.png", employer.badge, name="employer_badge"),
    path("employer/<str:token>/certificate.pdf", employer.certificate, name="employer_certificate"),
]
