package output

import (
	"os"
	"path/filepath"

	"golang.org/x/sys/unix"
)

// fsTopDirFl is FS_TOPDIR_FL of linux/fs.h (chattr +T), which
// golang.org/x/sys/unix does not name.
const fsTopDirFl = 0x00020000

// spreadFolders marks dir as the top of a folder hierarchy (chattr +T),
// so that ext2/3/4 spread the folders made in it over the disk's block
// groups (the Orlov allocator) instead of packing them, and the files in
// them, into the group of their parent. A build's output folder is such a
// hierarchy: its sections (blog/, book/, tags/, search/) are unrelated
// trees of hundreds of folders and files each.
//
// It matters for a new output: ext4 without a journal skips, when it
// allocates an inode, every free inode of the group that was deleted
// within the last minute or so (recently_deleted in fs/ext4/ialloc.c),
// one buffer lookup each, and starts that scan again for every new
// inode. A site written into the group that just lost the previous
// output (rm -rf public; folio build), or where other programs churn
// temporary files, thus costs time quadratic in the files deleted there:
// measured on the 1,000-page corpus, 30% of a fresh build's CPU time went
// to that scan, 2–3% with the folders spread.
//
// Any other file system ignores or refuses the flag, and any failure is
// ignored: the flag is a hint, nothing depends on it.
func spreadFolders(dir string) {
	f, err := os.Open(dir)
	if err != nil {
		return
	}
	defer f.Close()
	fd := int(f.Fd())
	flags, err := unix.IoctlGetUint32(fd, unix.FS_IOC_GETFLAGS)
	if err != nil || flags&fsTopDirFl != 0 {
		return
	}
	_ = unix.IoctlSetPointerInt(fd, unix.FS_IOC_SETFLAGS, int(flags|fsTopDirFl))
}

// mkdirSpread makes the folder dir spread over the disk as a folder of a
// hierarchy's top is (see spreadFolders): its parent carries the flag for
// that one mkdir. A folder made in a parent without the flag goes to the
// block group of the parent's last new folder, so that a section's
// folders made one spread, then spreadEvery-1 plain, lie in groups of
// spreadEvery. Spreading each of them cost ext4 a look at every block
// group of the disk per folder (find_group_orlov, 3.6% of a 1,000-page
// build's processor time); packing them all into their section's group
// made the next build after rm -rf pay for every inode freed there (see
// spreadFolders). A folder made in the same parent meanwhile, by another
// writer, may be spread too, which is as good.
func mkdirSpread(dir string) error {
	// Opened without os.Open, which would register the folder with Go's
	// poller: four fcntl and an epoll_ctl that fails, per spread folder.
	fd, err := retryEINTR(func() (int, error) {
		return unix.Open(filepath.Dir(dir), unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	})
	if err != nil {
		return mkdirOne(dir)
	}
	defer unix.Close(fd)
	flags, err := unix.IoctlGetUint32(fd, unix.FS_IOC_GETFLAGS)
	if err != nil || flags&fsTopDirFl != 0 || unix.IoctlSetPointerInt(fd, unix.FS_IOC_SETFLAGS, int(flags|fsTopDirFl)) != nil {
		return mkdirOne(dir)
	}
	err = mkdirOne(dir)
	_ = unix.IoctlSetPointerInt(fd, unix.FS_IOC_SETFLAGS, int(flags))
	return err
}
