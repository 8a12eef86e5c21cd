"""The security policy in the admin: one row, edited in place, never added twice nor deleted."""

from django.contrib import admin
from django.shortcuts import redirect
from django.urls import reverse

from contest.models import SecurityPolicy


@admin.register(SecurityPolicy)
class SecurityPolicyAdmin(admin.ModelAdmin):
    list_display = ["__str__", "require_mfa_for_staff"]

    def has_add_permission(self, request) -> bool:
        return super().has_add_permission(request) and not SecurityPolicy.objects.exists()

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def changelist_view(self, request, extra_context=None):
        # A list of one row is a detour: go straight to its form (the add form while none is saved).
        if SecurityPolicy.objects.exists():
            if self.has_change_permission(request):
                return redirect(
                    reverse("admin:contest_securitypolicy_change", args=[SecurityPolicy.SINGLETON_PK])
                )
        elif self.has_add_permission(request):
            return redirect(reverse("admin:contest_securitypolicy_add"))
        return super().changelist_view(request, extra_context)
