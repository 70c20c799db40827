/* argv printing: the initial stack armature-user builds must hold argc, the
 * argv pointers and the strings exactly as qemu-aarch64 lays them out (argv[0]
 * is the path as given on the command line). args.args holds the arguments the
 * runner passes; the exit status is argc, so it is checked too. */
#include "rt.h"

int main(int argc, char **argv, char **envp)
{
	put_str("argc = ");
	put_udec((u64)argc);
	put_char('\n');
	for (int i = 0; i < argc; i++) {
		put_str("argv[");
		put_udec((u64)i);
		put_str("] = \"");
		put_str(argv[i]);
		put_str("\" (");
		put_udec(rt_strlen(argv[i]));
		put_str(" chars)\n");
	}
	/* argv[argc] is NULL and envp starts right after it (ELF ABI). */
	put_str(argv[argc] == 0 ? "argv[argc] = NULL\n" : "argv[argc] != NULL (wrong)\n");
	put_str(envp == argv + argc + 1 ? "envp follows argv\n" : "envp misplaced (wrong)\n");
	return argc;
}
