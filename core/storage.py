"""Writing and cleaning up files through any storage (a local folder or S3)."""

import os
import posixpath

from django.core.files.storage import FileSystemStorage
from django.utils import timezone
from django.utils.crypto import get_random_string

# What a worker killed while writing leaves beside the real name.
PARTIAL_SUFFIX = ".part"


def is_local(storage):
    """Whether files are in a local folder, where a write can be cut short."""
    return isinstance(storage, FileSystemStorage)


def write_atomically(storage, name, content, *, replace=False, max_length=None):
    """Store `content` whole or not at all, and return the name it got.

    Under `name` itself when `replace`, else under the storage's next free
    name. The storage API has no rename: a local folder gets a temporary file
    moved into place (a worker killed mid-write leaves only a `.part` file),
    while an object store (S3) publishes an upload whole or not at all.
    """
    if not is_local(storage):
        if not replace:
            return storage.save(name, content, max_length=max_length)
        storage.delete(name)
        saved = storage.save(name, content, max_length=max_length)
        if saved != name:
            storage.delete(saved)  # a concurrent request wrote `name` first
        return name
    if not replace:
        name = storage.get_available_name(name, max_length=max_length)
    directory, filename = posixpath.split(name)
    token = get_random_string(8)
    partial = posixpath.join(directory, f".{filename}.{token}{PARTIAL_SUFFIX}")
    try:
        partial = storage.save(partial, content)
        os.replace(storage.path(partial), storage.path(name))
    except BaseException:
        storage.delete(partial)
        raise
    return name


def remove_stale_files(storage, folder, *, older_than, suffix=""):
    """Delete the files directly in `folder` (ending with `suffix`) last
    written more than `older_than` ago; return how many."""
    try:
        _folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return 0
    cutoff = timezone.now() - older_than
    removed = 0
    for filename in files:
        name = posixpath.join(folder, filename)
        if filename.endswith(suffix) and storage.get_modified_time(name) < cutoff:
            storage.delete(name)
            removed += 1
    return removed
