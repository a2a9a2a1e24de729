FROM python:3.11-slim
# The judge's sandbox and toolchains (bubblewrap, g++, Free Pascal, Java 17, libseccomp).
RUN apt-get update && apt-get install -y --no-install-recommends postgresql-client \
    bubblewrap g++ fp-compiler openjdk-17-jdk-headless libseccomp2 \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY . .
RUN pip install --no-cache-dir -e .
ENV SABAQ_DATA_DIR=/data
EXPOSE 8080
CMD ["sabaq", "run", "--host", "0.0.0.0", "--port", "8080"]
