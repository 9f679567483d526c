"""What a refusal says: the whole message of the error a call raises, for tests that check it word for word."""

import pytest


def refusal(call, error=ValueError) -> str:
    """Call call() with no arguments, require it to raise error, and return the error's message."""
    with pytest.raises(error) as raised:
        call()
    return str(raised.value)
