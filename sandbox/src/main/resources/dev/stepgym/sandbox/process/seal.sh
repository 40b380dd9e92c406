# Seals one sandboxed run (POSIX sh, run as root inside fresh mount, PID and network namespaces,
# before the command drops to its own uid). It builds a new root on a private tmpfs from the
# steps it is given, moves into it with pivot_root and detaches the host's root, so that the
# command sees only what the steps put there: nothing of the server, its caches, its tasks or
# other runs. Mounts made here never reach the host (unshare makes them private).
#
# Usage: sh -c "$(cat seal.sh)" stepgym-seal ROOT STEP... -- COMMAND...
# A step is three words: OP SOURCE TARGET (TARGET is a path inside the new root):
#   ro SRC DST     read-only bind of a host file or directory (nosuid, nodev)
#   rw SRC DST     read-write bind (nosuid, nodev): the work dir
#   dev SRC DST    bind of one device node (/dev/null, /dev/urandom, ...)
#   link TO DST    a symlink DST -> TO
#   tmpfs SIZE DST a private tmpfs, mode 1777 (/tmp, /dev/shm)
#   proc - DST     a /proc of the run's own PID namespace
#   file TEXT DST  a small file with this text (/etc/passwd)
#   cd - DST       the directory the command starts in
# Any failure exits 125 with "stepgym-seal: <what>" on stderr; the command never runs unsealed.
set -eu
run_path=${PATH:-/usr/bin:/bin}
PATH=/usr/sbin:/usr/bin:/sbin:/bin
fail() { echo "stepgym-seal: $*" >&2; exit 125; }
[ $# -ge 1 ] || fail "no root given"
root=$1
shift
start=/
mount -t tmpfs -o mode=0755,nosuid,nodev,size=4m stepgym-root "$root" 2>/dev/null \
    || fail "mount namespace: cannot mount a private tmpfs (unshare --mount and mount -t tmpfs must work)"
while [ $# -ge 3 ] && [ "$1" != "--" ]; do
    op=$1 src=$2 dst=$root$3 shown=$3
    shift 3
    case $op in
        ro | rw | dev)
            if [ -d "$src" ]; then
                mkdir -p "$dst"
            else
                mkdir -p "$(dirname "$dst")"
                : > "$dst"
            fi
            mount --bind "$src" "$dst" 2>/dev/null || fail "mount namespace: cannot bind $shown"
            case $op in
                ro) flags=remount,bind,ro,nosuid,nodev ;;
                rw) flags=remount,bind,nosuid,nodev ;;
                dev) flags=remount,bind,nosuid ;;
            esac
            mount -o "$flags" "$dst" 2>/dev/null || fail "mount namespace: cannot remount $shown ($flags)"
            ;;
        link)
            mkdir -p "$(dirname "$dst")"
            ln -s "$src" "$dst"
            ;;
        tmpfs)
            mkdir -p "$dst"
            mount -t tmpfs -o "mode=1777,nosuid,nodev,size=$src" stepgym-tmp "$dst" 2>/dev/null \
                || fail "mount namespace: cannot mount a private tmpfs on $shown"
            ;;
        proc)
            mkdir -p "$dst"
            mount -t proc -o nosuid,nodev,noexec proc "$dst" 2>/dev/null \
                || fail "pid namespace: cannot mount a private /proc for the run's PID namespace"
            ;;
        file)
            mkdir -p "$(dirname "$dst")"
            printf '%s' "$src" > "$dst"
            ;;
        cd)
            start=$shown
            ;;
        *)
            fail "unknown step $op"
            ;;
    esac
done
[ $# -ge 2 ] && [ "$1" = "--" ] || fail "malformed steps"
shift
mkdir "$root/.host"
cd "$root"
pivot_root . .host 2>/dev/null || fail "mount namespace: pivot_root into the sealed root failed"
umount -l /.host 2>/dev/null || fail "mount namespace: cannot detach the host root"
rmdir /.host
mount -o remount,ro,nosuid,nodev / 2>/dev/null || fail "mount namespace: cannot make the sealed root read-only"
cd "$start"
# The command gets the environment it was given: the caller's PATH, no PWD or OLDPWD (the
# latter would name the host folder the seal was built in).
PATH=$run_path
unset OLDPWD PWD
exec "$@"
