FROM python:3.11-slim-bookworm

RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core curl \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml README.md ./
COPY . .
RUN pip install --no-cache-dir . \
 && PRODUCTION=true SECRET_KEY=collectstatic-only CACHE_URL=redis://unused:6379/1 \
    python manage.py collectstatic --noinput

RUN useradd --create-home ijmond
USER ijmond
EXPOSE 8000
CMD ["gunicorn", "--config", "gunicorn.conf.py", "ijmondwerkt.wsgi:application"]
