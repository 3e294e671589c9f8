"""gunicorn settings for `make run` (and the benchmark floor)."""

import multiprocessing
import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2))
threads = 1
worker_class = "sync"
accesslog = "-"
timeout = 60
