"""Bounded reads: a regular file inside the data folder, at most its limit, never blocking."""

from __future__ import annotations

import os
import stat

import pytest

from zones.data import safe_read
from zones.data.safe_read import RefusedFile, read_bounded


def test_a_regular_file_in_the_folder_is_read(tmp_path):
    (tmp_path / "a.geojson").write_bytes(b"12345")
    assert read_bounded(tmp_path / "a.geojson", 5, directory=tmp_path) == b"12345"


def test_a_link_inside_the_folder_is_followed(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "real.geojson").write_bytes(b"{}")
    (tmp_path / "a.geojson").symlink_to(tmp_path / "sub" / "real.geojson")
    assert read_bounded(tmp_path / "a.geojson", 10, directory=tmp_path) == b"{}"


def test_a_file_over_the_limit_is_refused_with_its_size(tmp_path):
    (tmp_path / "a.geojson").write_bytes(b"x" * 2_000_000)
    with pytest.raises(RefusedFile, match=r"a\.geojson: the file is 1\.91 MB, over the limit of 0\.954 MB"):
        read_bounded(tmp_path / "a.geojson", 1_000_000, directory=tmp_path)


def test_a_file_whose_size_lies_is_read_no_further_than_the_limit_plus_one(tmp_path, monkeypatch):
    # /proc files and growing files report less than they hold: the read itself is bounded.
    (tmp_path / "a.geojson").write_bytes(b"x" * 10_000)
    real_fstat, real_read, asked = os.fstat, os.read, []

    def fstat_says_empty(descriptor):
        status = list(real_fstat(descriptor))
        status[stat.ST_SIZE] = 0
        return os.stat_result(status)

    def counted_read(descriptor, count):
        asked.append(count)
        return real_read(descriptor, count)

    monkeypatch.setattr(safe_read.os, "fstat", fstat_says_empty)
    monkeypatch.setattr(safe_read.os, "read", counted_read)
    with pytest.raises(RefusedFile, match="over the limit"):
        read_bounded(tmp_path / "a.geojson", 100, directory=tmp_path)
    assert sum(asked) <= 101


def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path):
    os.mkfifo(tmp_path / "a.geojson")
    with pytest.raises(RefusedFile, match="a named pipe, not a regular file"):
        read_bounded(tmp_path / "a.geojson", 100, directory=tmp_path)


def test_a_link_to_a_device_is_refused_before_reading(tmp_path):
    (tmp_path / "a.geojson").symlink_to("/dev/zero")
    with pytest.raises(RefusedFile, match="a character device, not a regular file"):
        read_bounded(tmp_path / "a.geojson", 100, directory=tmp_path)


def test_a_device_node_inside_the_folder_is_refused(tmp_path):
    try:
        os.mknod(tmp_path / "a.geojson", stat.S_IFCHR | 0o600, os.makedev(1, 5))  # /dev/zero's
    except PermissionError:
        pytest.skip("making a device node needs root")
    with pytest.raises(RefusedFile, match="a character device"):
        read_bounded(tmp_path / "a.geojson", 100, directory=tmp_path)


def test_a_folder_is_refused(tmp_path):
    (tmp_path / "a.geojson").mkdir()
    with pytest.raises(RefusedFile, match="a folder, not a regular file"):
        read_bounded(tmp_path / "a.geojson", 100, directory=tmp_path)


def test_a_link_out_of_the_folder_is_refused_and_says_where_it_leads(tmp_path):
    data, secret = tmp_path / "data", tmp_path / "secret.geojson"
    data.mkdir()
    secret.write_bytes(b"{}")
    (data / "a.geojson").symlink_to(secret)
    with pytest.raises(RefusedFile, match=f"outside the data folder .*leads to {secret}"):
        read_bounded(data / "a.geojson", 100, directory=data)
    with pytest.raises(RefusedFile, match="outside the data folder"):
        read_bounded(data / ".." / "secret.geojson", 100, directory=data)


def test_a_missing_file_or_dangling_link_is_file_not_found(tmp_path):
    with pytest.raises(FileNotFoundError):
        read_bounded(tmp_path / "a.geojson", 100, directory=tmp_path)
    (tmp_path / "b.geojson").symlink_to(tmp_path / "gone.geojson")
    with pytest.raises(FileNotFoundError):
        read_bounded(tmp_path / "b.geojson", 100, directory=tmp_path)
