from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

# The admin signs in through allauth's login page, so that its rate limits and MFA apply there too.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("admin/", admin.site.urls),
]
urlpatterns += i18n_patterns(
    path("accounts/", include("allauth.urls")),
    path("nominations/", include("nominations.urls")),
    path("jury/", include("jury.urls")),
    path("staff/", include("config.staff_urls")),
    path("", include("jury.urls_public")),
    path("", include("contest.urls")),
)
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
