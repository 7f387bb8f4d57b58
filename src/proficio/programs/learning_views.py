"""(being written)"""

from django.urls import URLPattern

urls: list[URLPattern] = []
