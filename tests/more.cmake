# The peer benchmark's policy against the peers' own output (tests/bench/):
# every one of the 10,000 messages must get the same ranked rules and replies.
# It runs `parley bench` once over the messages; the timing it prints is not
# checked (timing lives in benchmarks, see docs/performance.md).
if(TARGET parley_cli)
  set(bench_dir ${CMAKE_CURRENT_SOURCE_DIR}/bench)
  add_test(NAME bench.peer_policy
    COMMAND parley_cli bench --rules ${bench_dir}/peer_policy.yaml
            --contexts ${bench_dir}/contexts.tsv --expect ${bench_dir}/expected.tsv
            --repeat 1 --check ${bench_dir}/messages.txt)
endif()
