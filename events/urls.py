from django.urls import path

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
    path("files/<path:name>", views.private_file, name="private-file"),
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
