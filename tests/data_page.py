"""Driving the Data page in AppTest: open it (in a language, with secrets or a signed-in user) and
sign in with the test password. The fixtures that set the password are in conftest.py."""
from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.screens import open_screen

PASSWORD = "correct-horse-battery"


def data_page(lang: str = "zh", secrets: dict | None = None, user: dict | None = None) -> AppTest:
    return open_screen("pages/data.py", secrets=secrets, user=user, **({"lang": "en"} if lang == "en" else {}))


def sign_in(at: AppTest, password: str = PASSWORD, name: str = "测试管理员") -> AppTest:
    at.text_input(key="data_admin_name").input(name)
    at.text_input(key="data_admin_password").input(password)
    return at.button(key="data_sign_in_submit").click().run()
