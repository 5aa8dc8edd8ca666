"""Driving the Data page in AppTest: open it (in a language, with secrets or a signed-in user) and
sign in with the test password. The fixtures that set the password are in conftest.py."""
from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[1] / "app.py")
PASSWORD = "correct-horse-battery"


def data_page(lang: str = "zh", secrets: dict | None = None, user: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    if lang == "en":
        at.query_params["lang"] = "en"
    if secrets:
        at.secrets.update(secrets)
    if user:
        at.user = user
    at.switch_page("pages/data.py")
    return at.run()


def sign_in(at: AppTest, password: str = PASSWORD, name: str = "测试管理员") -> AppTest:
    at.text_input(key="data_admin_name").input(name)
    at.text_input(key="data_admin_password").input(password)
    return at.button(key="data_sign_in_submit").click().run()
