#ifndef CFUZZDRIVER_H
#define CFUZZDRIVER_H

/// Runs libFuzzer's driver on the target's LLVMFuzzerTestOneInput.
///
/// SwiftPM renames an executable's entry point to <Target>_main and links
/// `--defsym main=<Target>_main`, so libFuzzer's own main never runs; each
/// target defines <Target>_main and calls this instead.
int hydrous_fuzz_main(int argc, char **argv);

#endif
