FROM python:3.11-slim
RUN apt-get update && apt-get install -y --no-install-recommends postgresql-client \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY . .
RUN pip install --no-cache-dir -e .
ENV SABAQ_DATA_DIR=/data
EXPOSE 8080
CMD ["sabaq", "run", "--host", "0.0.0.0", "--port", "8080"]
