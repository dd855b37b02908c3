import os

from hypothesis import HealthCheck, settings

# "ci": more examples, no per-example deadline (shared CI machines are noisy), and the seed printed so a
# failure can be replayed. "dev" (default): quick. Choose with HYPOTHESIS_PROFILE.
settings.register_profile(
    "ci",
    max_examples=300,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", max_examples=60, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))
