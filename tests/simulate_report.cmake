# Renders `parley simulate --report` in headless Chromium: the page must
# load without a network, and its DOM must hold the three kinds of plot.
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK}/profile)
execute_process(COMMAND ${PARLEY} simulate --buyers 20 --seed 3 --report ${WORK}/report.html
                RESULT_VARIABLE rc OUTPUT_QUIET)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "parley simulate --report failed: ${rc}")
endif()
set(flags --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update
          --disable-sync --no-first-run --user-data-dir=${WORK}/profile --window-size=1280,900)
execute_process(COMMAND ${CHROMIUM} ${flags} --dump-dom file://${WORK}/report.html
                RESULT_VARIABLE rc OUTPUT_VARIABLE dom ERROR_VARIABLE log TIMEOUT 120)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "chromium --dump-dom failed (${rc}): ${log}")
endif()
foreach(id deal-margin-0 deal-margin-1 price-path-0 outcomes-0 summary checks paired dominance)
  string(FIND "${dom}" "id=\"${id}\"" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "the rendered page has no element with id ${id}")
  endif()
endforeach()
# The plots were parsed as SVG: Chromium serialises their parts.
foreach(tag "<circle" "<polyline" "<rect")
  string(FIND "${dom}" "${tag}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "the rendered page has no ${tag} element")
  endif()
endforeach()
execute_process(COMMAND ${CHROMIUM} ${flags} --screenshot=${WORK}/report.png file://${WORK}/report.html
                RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE log TIMEOUT 120)
if(NOT rc EQUAL 0 OR NOT EXISTS ${WORK}/report.png)
  message(FATAL_ERROR "chromium --screenshot failed (${rc}): ${log}")
endif()
file(SIZE ${WORK}/report.png size)
if(size LESS 20000)
  message(FATAL_ERROR "the screenshot is ${size} bytes: the page did not render")
endif()
