from django.urls import path

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
    path("files/<path:name>", views.report_file, name="report-file"),
    path(
        "<slug:slug>/",
        views.CaseStudyDetailView.as_view(),
        name="case-study-detail",
    ),
]
