from ingestion.http_client import RETRY_STATUSES, RetrySettings, build_retry
from ingestion.rate_limit import RateLimiter


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def test_rate_limiter_spaces_requests_evenly() -> None:
    clock = FakeClock()
    limiter = RateLimiter(4.0, clock=clock, sleep=clock.sleep)
    for _ in range(5):
        limiter.wait()
    assert clock.slept == [0.25, 0.25, 0.25, 0.25]


def test_rate_limiter_does_not_sleep_when_requests_are_already_apart() -> None:
    clock = FakeClock()
    limiter = RateLimiter(2.0, clock=clock, sleep=clock.sleep)
    limiter.wait()
    clock.now += 10
    limiter.wait()
    assert clock.slept == []


def test_retry_policy_covers_throttling_server_errors_and_every_method() -> None:
    retry = build_retry(RetrySettings(total=5, backoff_factor=0.5))
    assert retry.status_forcelist == RETRY_STATUSES
    assert {429, 500, 502, 503, 504} <= set(retry.status_forcelist)
    assert retry.allowed_methods is None  # POST (HubSpot search) is retried too
    assert retry.respect_retry_after_header
    assert retry.is_retry("POST", 429, has_retry_after=True)
    assert not retry.is_retry("GET", 401)


def test_retry_backoff_grows_exponentially() -> None:
    retry = build_retry(RetrySettings(total=8, backoff_factor=0.5, backoff_max=60))
    for _ in range(4):
        retry = retry.increment(method="GET", url="/x")
    assert retry.get_backoff_time() == 0.5 * 2**3
