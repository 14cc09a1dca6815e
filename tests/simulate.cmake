# parley simulate from the command line: a report page rendered by headless
# Chromium (its DOM must hold the plots), --fail-if exit codes, JSONL transcripts.
if(TARGET parley_cli)
  find_program(PARLEY_CHROMIUM NAMES chromium chromium-browser)
  if(PARLEY_CHROMIUM)
    add_test(NAME simulate.report_chromium
             COMMAND ${CMAKE_COMMAND} -DPARLEY=$<TARGET_FILE:parley_cli> -DCHROMIUM=${PARLEY_CHROMIUM}
                     -DWORK=${CMAKE_CURRENT_BINARY_DIR}/simulate_report
                     -P ${CMAKE_CURRENT_SOURCE_DIR}/simulate_report.cmake)
  else()
    message(WARNING "chromium not found: the simulate report test is not run (apt-get install chromium)")
  endif()
  add_test(NAME simulate.fail_if_holds
           COMMAND parley_cli simulate --buyers 10 --product pdu --strategies rules,never-concede
                   --fail-if "deal_rate>=0")
  set_tests_properties(simulate.fail_if_holds PROPERTIES WILL_FAIL TRUE)
  add_test(NAME simulate.fail_if_clear
           COMMAND parley_cli simulate --buyers 10 --product pdu --strategies rules,never-concede
                   --fail-if "violations>0" --fail-if "each.deal_rate<0")
  add_test(NAME simulate.transcripts
           COMMAND ${CMAKE_COMMAND} -DPARLEY=$<TARGET_FILE:parley_cli>
                   -DWORK=${CMAKE_CURRENT_BINARY_DIR}/simulate_transcripts
                   -P ${CMAKE_CURRENT_SOURCE_DIR}/simulate_transcripts.cmake)
endif()
