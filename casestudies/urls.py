from django.urls import path

from core.files import legacy_private_file

from . import views

app_name = "casestudies"

# The fixed paths come before "<slug:slug>/", which would otherwise match them.
urlpatterns = [
    path("", views.CaseStudyListView.as_view(), name="case-study-list"),
    path("follow-up/", views.FollowUpView.as_view(), name="follow-up"),
    path(
        "follow-up/<str:code>/",
        views.DistrictFollowUpView.as_view(),
        name="district-follow-up",
    ),
    # Old addresses of private files, before they named their record.
    path("files/<path:name>", legacy_private_file),
    path(
        "<slug:slug>/",
        views.CaseStudyDetailView.as_view(),
        name="case-study-detail",
    ),
]
