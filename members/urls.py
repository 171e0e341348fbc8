from django.urls import path

from . import views

app_name = "members"

urlpatterns = [
    path("", views.OrganizationDirectoryView.as_view(), name="directory"),
    path("partners/", views.PartnerListView.as_view(), name="partners"),
    path("join/", views.MembershipApplicationView.as_view(), name="apply"),
    path("join/thanks/", views.ApplicationDoneView.as_view(), name="application-done"),
    path("mine/", views.MyOrganizationsView.as_view(), name="mine"),
    path(
        "working-groups/",
        views.WorkingGroupListView.as_view(),
        name="workinggroup-list",
    ),
    path(
        "working-groups/<slug:slug>/",
        views.WorkingGroupDetailView.as_view(),
        name="workinggroup-detail",
    ),
    path(
        "invitations/<str:token>/",
        views.InvitationAcceptView.as_view(),
        name="invitation-accept",
    ),
    path(
        "<slug:slug>/",
        views.OrganizationDetailView.as_view(),
        name="organization-detail",
    ),
    path(
        "<slug:slug>/edit/",
        views.OrganizationEditView.as_view(),
        name="organization-edit",
    ),
    path(
        "<slug:slug>/contacts/",
        views.OrganizationContactsView.as_view(),
        name="organization-contacts",
    ),
]
