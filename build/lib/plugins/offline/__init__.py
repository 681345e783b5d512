"""Offline: a service worker that keeps the whole built site in the browser after a first visit."""
