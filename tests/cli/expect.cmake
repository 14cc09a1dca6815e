# Runs one `parley` command and checks what it printed, for ctest:
#   cmake -DPARLEY=path/to/parley -DARGS="eval;--rules;..." -DEXPECT=file
#         [-DEXIT_CODE=0] [-DINPUT=file] -P expect.cmake
# INPUT, when given, is the command's stdin.
# Each line of EXPECT is one check (blank lines and # comments are skipped):
#   json KEY... = VALUE   the output is one JSON object and the member at
#                         KEY... (object keys or array indexes) equals VALUE
#   anything else         must occur, as written, in stdout followed by stderr
# Every failing check is reported, not only the first.
foreach(var PARLEY ARGS EXPECT)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "expect.cmake: -D${var}=... is required")
  endif()
endforeach()
if(NOT DEFINED EXIT_CODE)
  set(EXIT_CODE 0)
endif()

set(input_args "")
if(DEFINED INPUT)
  set(input_args INPUT_FILE ${INPUT})
endif()
execute_process(COMMAND ${PARLEY} ${ARGS} ${input_args}
  RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
set(printed "${out}${err}")
set(failures "")
if(NOT code STREQUAL EXIT_CODE)
  string(APPEND failures "exit code ${code}, expected ${EXIT_CODE}\n")
endif()

# Lines are split by hand: file(STRINGS) would split a check at its ';'.
file(READ ${EXPECT} content)
string(REPLACE ";" "<semicolon>" content "${content}")
string(REPLACE "\n" ";" checks "${content}")
foreach(check IN LISTS checks)
  string(REPLACE "<semicolon>" ";" check "${check}")
  string(REGEX REPLACE "\r$" "" check "${check}")
  if(check STREQUAL "" OR check MATCHES "^#")
    continue()
  endif()
  if(check MATCHES "^json (.+) = (.*)$")
    set(want "${CMAKE_MATCH_2}")
    string(REPLACE " " ";" path "${CMAKE_MATCH_1}")
    string(JSON got ERROR_VARIABLE json_error GET "${out}" ${path})
    if(json_error)
      string(APPEND failures "${check}: ${json_error}\n")
    elseif(NOT got STREQUAL want)
      string(APPEND failures "${check}: found ${got}\n")
    endif()
  else()
    string(FIND "${printed}" "${check}" at)
    if(at EQUAL -1)
      string(APPEND failures "not printed: ${check}\n")
    endif()
  endif()
endforeach()

if(failures)
  message(FATAL_ERROR "parley ${ARGS}\n${printed}\n--- failed checks ---\n${failures}")
endif()
