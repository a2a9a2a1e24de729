"""Seccomp filters for the judge's sandbox, one per language profile, as BPF for bwrap."""

import errno
import functools
import os
import tempfile
from dataclasses import dataclass

import pyseccomp

# clone(2)'s flag that makes the new task a thread of the caller's process.
CLONE_THREAD = 0x00010000
AF_UNIX = 1

# Kernel attack surface no judged program or compiler needs: tracing other processes,
# namespaces and mounts (an escape from bwrap's view), BPF, io_uring (its own syscall path
# with a history of holes), perf, keyrings, userfaultfd (a race-widening tool), modules,
# kexec and the like.
_DENIED_SYSCALLS = (
    "ptrace",
    "process_vm_readv",
    "process_vm_writev",
    "kcmp",
    "mount",
    "umount2",
    "pivot_root",
    "chroot",
    "open_tree",
    "move_mount",
    "fsopen",
    "fsconfig",
    "fsmount",
    "fspick",
    "mount_setattr",
    "unshare",
    "setns",
    "bpf",
    "io_uring_setup",
    "io_uring_enter",
    "io_uring_register",
    "perf_event_open",
    "kexec_load",
    "kexec_file_load",
    "keyctl",
    "add_key",
    "request_key",
    "userfaultfd",
    "init_module",
    "finit_module",
    "delete_module",
    "swapon",
    "swapoff",
    "reboot",
    "acct",
    "quotactl",
    "name_to_handle_at",
    "open_by_handle_at",
    "syslog",
    "iopl",
    "ioperm",
    "uselib",
    "personality",
)


@dataclass(frozen=True)
class Profile:
    """What a sandboxed command may do beyond the common baseline."""

    name: str
    # A compiler driver (g++, fpc) starts its passes as processes; a judged program needs none.
    new_processes: bool


PROFILES: dict[str, Profile] = {
    "python": Profile("python", new_processes=False),
    "cpp": Profile("cpp", new_processes=False),
    "pascal": Profile("pascal", new_processes=False),
    # The JVM needs threads, which every profile allows (the pids cgroup bounds them).
    "java": Profile("java", new_processes=False),
    "compiler": Profile("compiler", new_processes=True),
}


class UnknownProfile(KeyError):
    """No seccomp profile has this name."""


@functools.cache
def filter_bpf(profile: str) -> bytes:
    """Build (once per profile) the BPF program that bwrap loads with `--seccomp FD`.

    Raises:
        UnknownProfile: when `profile` is not in PROFILES.
        OSError: when libseccomp cannot build the filter.
    """
    try:
        spec = PROFILES[profile]
    except KeyError:
        raise UnknownProfile(profile) from None
    rules = pyseccomp.SyscallFilter(pyseccomp.ALLOW)
    for name in _DENIED_SYSCALLS:
        rules.add_rule(pyseccomp.ERRNO(errno.EPERM), name)
    # Only local sockets: no network, loopback included, whatever the namespace allows.
    rules.add_rule(
        pyseccomp.ERRNO(errno.EAFNOSUPPORT), "socket", pyseccomp.Arg(0, pyseccomp.NE, AF_UNIX)
    )
    if not spec.new_processes:
        # clone3 hides its flags behind a pointer seccomp cannot read: ENOSYS makes glibc fall
        # back to clone(2), whose flags we can check, so threads still work.
        rules.add_rule(pyseccomp.ERRNO(errno.ENOSYS), "clone3")
        rules.add_rule(
            pyseccomp.ERRNO(errno.EPERM),
            "clone",
            pyseccomp.Arg(0, pyseccomp.MASKED_EQ, CLONE_THREAD, 0),
        )
        rules.add_rule(pyseccomp.ERRNO(errno.EPERM), "fork")
        rules.add_rule(pyseccomp.ERRNO(errno.EPERM), "vfork")
    with tempfile.TemporaryFile() as out:
        rules.export_bpf(out)
        out.flush()
        os.lseek(out.fileno(), 0, os.SEEK_SET)
        return out.read()


def filter_fd(profile: str) -> int:
    """A fresh read-only descriptor holding the profile's BPF, for bwrap to read once.

    Raises:
        UnknownProfile: when `profile` is not in PROFILES.
        OSError: when libseccomp cannot build the filter or the memfd cannot be made.
    """
    program = filter_bpf(profile)
    fd = os.memfd_create("sabaq-seccomp", os.MFD_CLOEXEC)
    try:
        os.write(fd, program)
        os.lseek(fd, 0, os.SEEK_SET)
    except BaseException:
        os.close(fd)
        raise
    return fd
