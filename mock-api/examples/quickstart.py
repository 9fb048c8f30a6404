"""Try the course's mock API from Python. Start it first: npm run mock-api"""
import os

import requests

BASE_URL = os.environ.get("MOCK_API_URL", "http://127.0.0.1:4010")

with requests.Session() as session:
    session.headers.update({"Accept": "application/json"})

    # GET with query parameters; the Link header drives pagination
    response = session.get(f"{BASE_URL}/users", params={"page": 2, "per_page": 5}, timeout=5)
    response.raise_for_status()
    print(response.status_code, response.reason, response.headers["X-Total-Count"])
    print(response.links["next"]["url"])

    # POST JSON: 201 Created with a Location header
    created = session.post(f"{BASE_URL}/users", json={"name": "Alice", "email": "alice@example.com"}, timeout=5)
    print(created.status_code, created.headers["Location"])

    # GitHub stand-in
    repo = session.get(f"{BASE_URL}/github/repos/python/cpython", timeout=5).json()
    print(repo["full_name"], repo["stargazers_count"])

    # A server that never answers: the timeout is what saves you
    try:
        session.get(f"{BASE_URL}/hang", timeout=1)
    except requests.exceptions.Timeout:
        print("gave up on /hang after 1 s")

    # A network failure
    try:
        session.get(f"{BASE_URL}/unreachable", timeout=5)
    except requests.exceptions.ConnectionError:
        print("/unreachable: connection error")

    # 404 is a response, not an exception, until raise_for_status()
    missing = session.get(f"{BASE_URL}/users/9999", timeout=5)
    print(missing.status_code, missing.json()["title"])
