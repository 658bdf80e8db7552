import datetime as dt

from zones.analysis.phases import phase_on
from zones.data.phases_file import Phase


def _phase(name: str, start: str, end: str | None = None) -> Phase:
    return Phase(phase=name, start=dt.date.fromisoformat(start),
                 end=dt.date.fromisoformat(end) if end else None, names={"en": name}, sources=())


PHASES = {"idlib": (_phase("signed", "2017-05-04", "2017-05-05"), _phase("in force", "2017-05-06"),
                    _phase("boundary agreed", "2017-09-15"), _phase("turkish posts", "2017-10-12"))}


def test_the_latest_phase_begun_applies():
    assert phase_on(PHASES, "idlib", dt.date(2017, 5, 4)).phase == "signed"
    assert phase_on(PHASES, "idlib", dt.date(2017, 7, 1)).phase == "in force"
    assert phase_on(PHASES, "idlib", dt.date(2017, 9, 15)).phase == "boundary agreed"
    assert phase_on(PHASES, "idlib", dt.date(2017, 10, 31)).phase == "turkish posts"


def test_no_phase_before_the_first_or_for_an_unknown_zone():
    assert phase_on(PHASES, "idlib", dt.date(2017, 5, 3)) is None
    assert phase_on(PHASES, "south", dt.date(2017, 7, 1)) is None
