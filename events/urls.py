from django.urls import path

from core.files import legacy_private_file

from . import views

app_name = "events"

# The fixed paths come before "<slug:slug>/", which would otherwise match them.
urlpatterns = [
    path("", views.ActivityListView.as_view(), name="activity-list"),
    path("calendar.ics", views.CalendarView.as_view(), name="calendar"),
    path(
        "registrations/",
        views.RegistrationListView.as_view(),
        name="registration-list",
    ),
    path(
        "registrations/<int:pk>/cancel/",
        views.RegistrationCancelView.as_view(),
        name="registration-cancel",
    ),
    path(
        "reports/donor/",
        views.DonorReportView.as_view(),
        name="donor-report",
    ),
    # Old addresses of private files, before they named their record.
    path("files/<path:name>", legacy_private_file),
    path(
        "<slug:slug>/",
        views.ActivityDetailView.as_view(),
        name="activity-detail",
    ),
    path(
        "<slug:slug>/register/",
        views.RegistrationView.as_view(),
        name="activity-register",
    ),
]
