from django.urls import path

from . import feeds, views

app_name = "news"

urlpatterns = [
    path("", views.NewsListView.as_view(), name="post-list"),
    path("feed/", feeds.LatestNewsFeed(), name="feed-rss"),
    path("feed/atom/", feeds.AtomNewsFeed(), name="feed-atom"),
    path("preview/<int:pk>/", views.NewsPreviewView.as_view(), name="post-preview"),
    path("<slug:slug>/", views.NewsDetailView.as_view(), name="post-detail"),
]
