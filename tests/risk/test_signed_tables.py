"""A newer risk table signed by a programme root the user trusts is installed; any other file is
refused with its reason, and the table in use stays as it was (docs/risk.md)."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from tests.cli.conftest import Cli
from tests.programme.making import programme

from selfassess.core.errors import InvalidInput, Refused
from selfassess.core.risk.table import built_in_table, current_table, table_json
from selfassess.core.risk_updates.signed import install_table, sign_table
from selfassess.core.trust.roots import add_root

BUILT_IN = built_in_table()


def newer(version: str = "2099.1.0", drop: str | None = "KE") -> dict[str, object]:
    data = json.loads(table_json(BUILT_IN))
    data["version"] = version
    data["as_of"] = "2099-01-15"
    data["areas"] = [a for a in data["areas"] if a["code"] != drop]
    return data


def signed(home: Path, data: dict[str, object], target: Path) -> Path:
    from selfassess.core.risk.table import parse_table

    store = programme(home / "programme")
    root = store.unlock()
    table = parse_table(json.dumps(data).encode(), "table.json")
    target.write_bytes(sign_table(table, root.key, root.certificate))
    (home / "root.pem").write_bytes(store.certificate_file.read_bytes())
    return target


@pytest.fixture
def buyer(isolated_home: Path) -> Path:
    return isolated_home


def test_a_newer_signed_table_is_installed_and_used(buyer: Path, tmp_path: Path) -> None:
    source = signed(tmp_path, newer(), tmp_path / "t.riskdata")
    add_root(buyer, tmp_path / "root.pem")
    installed = install_table(source, buyer)
    assert (installed.table.version, installed.replaced) == ("2099.1.0", BUILT_IN.version)
    used = current_table(buyer)
    assert used.version == "2099.1.0"
    assert used.area("KE") is None  # the programme's table, not the built-in one
    with pytest.raises(Refused, match="not newer than 2099.1.0 in use"):
        install_table(source, buyer)


@pytest.mark.parametrize(
    ("tamper", "error", "message"),
    [
        (
            lambda body: body["table"].__setitem__("version", "2099.2.0"),
            InvalidInput,
            "does not carry a valid signature of Tin Traceability Programme",
        ),
        (
            lambda body: body["table"]["areas"].pop(0),
            InvalidInput,
            "does not carry a valid signature",
        ),
        (lambda body: body.__setitem__("format", "other"), InvalidInput, "not a signed risk table"),
        (lambda body: body.__setitem__("signature", "%%%"), InvalidInput, "not a signed risk"),
    ],
)
def test_a_changed_file_is_refused_and_nothing_changes(
    buyer: Path, tmp_path: Path, tamper: object, error: type[Exception], message: str
) -> None:
    source = signed(tmp_path, newer(), tmp_path / "t.riskdata")
    add_root(buyer, tmp_path / "root.pem")
    body = json.loads(source.read_text(encoding="utf-8"))
    tamper(body)  # type: ignore[operator]
    source.write_text(json.dumps(body), encoding="utf-8")
    with pytest.raises(error, match=message):
        install_table(source, buyer)
    assert current_table(buyer).version == BUILT_IN.version


def test_a_table_signed_by_a_programme_not_trusted_is_refused(buyer: Path, tmp_path: Path) -> None:
    source = signed(tmp_path, newer(), tmp_path / "t.riskdata")
    with pytest.raises(Refused, match="signed by a programme you do not trust"):
        install_table(source, buyer)
    assert current_table(buyer).version == BUILT_IN.version


def test_an_older_table_is_refused(buyer: Path, tmp_path: Path) -> None:
    source = signed(tmp_path, newer(version="2020.1.0"), tmp_path / "old.riskdata")
    add_root(buyer, tmp_path / "root.pem")
    with pytest.raises(Refused, match="not newer than"):
        install_table(source, buyer)


def test_riskdata_on_the_command_line(cli: Cli, buyer: Path, tmp_path: Path) -> None:
    code, out, _ = cli("riskdata", "show", "--lang", "fr")
    assert code == 0
    assert f"risk data {BUILT_IN.version}" in out
    assert "CD-SK" in out
    assert "Sud-Kivu" in out
    source = signed(tmp_path, newer(), tmp_path / "t.riskdata")
    cli("trust", "add", str(tmp_path / "root.pem"))
    code, out, _ = cli("riskdata", "install", str(source))
    assert code == 0
    assert "risk data 2099.1.0 (as of 2099-01-15) signed by Tin Traceability Programme" in out
    code, out, _ = cli("riskdata", "show", "--json")
    assert (json.loads(out)["version"], json.loads(out)["origin"]) == ("2099.1.0", "installed")
    code, _, err = cli("riskdata", "install", str(tmp_path / "missing.riskdata"))
    assert code != 0
    assert "no such file" in err


def test_a_programme_signs_a_table_on_the_command_line(
    cli: Cli, buyer: Path, tmp_path: Path
) -> None:
    table = tmp_path / "risk-areas-2099.json"
    table.write_text(json.dumps(newer()), encoding="utf-8")
    assert cli("programme", "create", "--name", "Tin Programme", "--country", "RW")[0] == 0
    code, out, _ = cli(
        "programme", "sign-risk-data", str(table), "-o", str(tmp_path / "t.riskdata")
    )
    assert code == 0
    assert "risk data 2099.1.0 signed by the programme" in out
    assert cli("programme", "root", "-o", str(tmp_path / "root.pem"))[0] == 0
    assert cli("trust", "add", str(tmp_path / "root.pem"))[0] == 0
    assert cli("riskdata", "install", str(tmp_path / "t.riskdata"))[0] == 0
    assert current_table(buyer).version == "2099.1.0"
    code, _, err = cli("programme", "sign-risk-data", str(tmp_path / "root.pem"), "-o", "x")
    assert code != 0
    assert "is not a risk table" in err


def test_each_assessment_keeps_the_risk_data_it_was_finalized_with(
    buyer: Path, tmp_path: Path
) -> None:
    """A Kenyan processor is listed for transit by the built-in table and not by the newer one:
    the assessment finalized before the update keeps its judgement and its version; a new one
    is judged with the newer table and records it; `show` says which."""
    from selfassess.core.assessment.plan import PlanService
    from selfassess.core.assessment.service import AssessmentService
    from selfassess.core.demo import KALIMBI, create_demo, sample_evidence
    from selfassess.core.forms.loader import load_form
    from selfassess.core.paths import builtin_forms_dir
    from selfassess.core.store.store import Store

    kenyan = dataclasses.replace(KALIMBI, country="KE", province=None, entity_type="processor")
    form = load_form(builtin_forms_dir() / "self-assessment.yaml").form
    assert form is not None
    with Store.open(buyer) as store:
        service = AssessmentService(store)
        before = create_demo(service, form, sample_evidence(tmp_path / "e"), profile=kenyan)
        assert service.get(before).risk_data_version == BUILT_IN.version
        add_root(buyer, signed(tmp_path, newer(), tmp_path / "t.riskdata").parent / "root.pem")
        install_table(tmp_path / "t.riskdata", buyer)
        after = service.create(form, kenyan).id
        assert service.get(after).risk_data_version == "2099.1.0"
        plans = PlanService(service)
        kept, new = plans.report(before).edd, plans.report(after).edd
    assert kept is not None
    assert new is not None
    assert (kept.data_version, kept.by_area) == (BUILT_IN.version, True)
    assert (new.data_version, new.by_area) == ("2099.1.0", False)


def test_a_damaged_installed_table_falls_back_to_the_built_in_one(
    cli: Cli, buyer: Path, tmp_path: Path
) -> None:
    """Nothing stops working: the built-in table is used, `riskdata show` and `doctor` say why,
    and `riskdata remove` or a new install mends it."""
    installed = buyer / "risk-data" / "risk-areas.json"
    installed.parent.mkdir(parents=True)
    installed.write_text('{"broken', encoding="utf-8")
    assert current_table(buyer).version == BUILT_IN.version
    code, out, _ = cli("new", "--form", "quick-scan", "--supplier", "K", "--country", "CD")
    assert code == 0
    assert cli("gaps", out.strip(), "--json")[0] == 0
    code, _, err = cli("riskdata", "show")
    assert code == 0
    assert "the installed risk data cannot be used" in err
    code, out, _ = cli("doctor")
    assert code != 0
    assert "riskdata remove" in out
    source = signed(tmp_path, newer(), tmp_path / "t.riskdata")
    cli("trust", "add", str(tmp_path / "root.pem"))
    assert cli("riskdata", "install", str(source))[0] == 0
    assert current_table(buyer).version == "2099.1.0"
    code, out, _ = cli("riskdata", "remove")
    assert (code, out) == (
        0,
        f"risk data 2099.1.0 removed: the built-in {BUILT_IN.version} is in use\n",
    )
    assert current_table(buyer).version == BUILT_IN.version
    assert cli("doctor")[0] == 0


def test_a_table_stops_being_used_when_its_programme_is_no_longer_trusted(
    cli: Cli, buyer: Path, tmp_path: Path
) -> None:
    source = signed(tmp_path, newer(), tmp_path / "t.riskdata")
    cli("trust", "add", str(tmp_path / "root.pem"))
    assert cli("riskdata", "install", str(source))[0] == 0
    code, out, _ = cli("trust", "list", "--json")
    fingerprint = json.loads(out)[0]["fingerprint_sha256"]
    code, out, _ = cli("trust", "remove", fingerprint[:16])
    assert code == 0
    assert "the risk data 2099.1.0 it signed is no longer used" in out
    assert current_table(buyer).version == BUILT_IN.version


def hostile(change: str) -> bytes:
    data = json.loads(table_json(BUILT_IN))
    if change == "nested":
        return b"[" * 100_000 + b"]" * 100_000
    if change == "escape in a name":
        data["areas"][0]["names"]["en"] = "Kivu\x1b[8m hidden"
    elif change == "line separator in a source":
        data["sources"][0]["short"] = "IPIS\u2028forged line"
    elif change == "right-to-left override":
        data["areas"][0]["aliases"] = ["\u202eukiv dus"]
    elif change == "no area":
        data["areas"] = []
    elif change == "a version far in the future":
        data["version"] = "9999.99.999"
    elif change == "leading zeros":
        data["version"] = "2027.03.000"
    elif change == "a source twice":
        data["sources"].append(data["sources"][0])
    elif change == "no English name":
        data["areas"][0]["names"] = {"fr": "Kivu"}
    return json.dumps(data).encode()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("nested", "nested deeper than 32 levels"),
        ("escape in a name", "control, format or line-separator characters"),
        ("line separator in a source", "control, format or line-separator characters"),
        ("right-to-left override", "control, format or line-separator characters"),
        ("no area", "areas"),
        ("a version far in the future", "version"),
        ("leading zeros", "version"),
        ("a source twice", "comes twice"),
        ("no English name", "give the English text"),
    ],
)
def test_a_hostile_table_is_refused_saying_why(change: str, message: str) -> None:
    from selfassess.core.risk.table import parse_table

    with pytest.raises(InvalidInput, match="is not a risk table") as refused:
        parse_table(hostile(change), "t.json")
    assert message in str(refused.value)


def test_a_deeply_nested_signed_file_is_refused_plainly(buyer: Path, tmp_path: Path) -> None:
    source = tmp_path / "deep.riskdata"
    source.write_bytes(b'{"format": ' + b"[" * 100_000 + b"]" * 100_000 + b"}")
    with pytest.raises(InvalidInput, match="is not a signed risk table"):
        install_table(source, buyer)
