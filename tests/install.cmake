# Tests of parley as a user gets it: the C header compiled as C, and the
# installed package (headers, libparley.a, CMake config) used by the
# examples/ projects, configured and built from scratch against the prefix.

# parley.h must stay plain C99.
enable_language(C)
add_executable(parley_capi_c_smoke ${CMAKE_CURRENT_SOURCE_DIR}/unit/capi/c_smoke.c)
set_target_properties(parley_capi_c_smoke PROPERTIES C_STANDARD 99 C_STANDARD_REQUIRED ON C_EXTENSIONS OFF)
target_compile_options(parley_capi_c_smoke PRIVATE -Wall -Wextra -Wpedantic -Werror)
target_link_libraries(parley_capi_c_smoke PRIVATE parley)
add_test(NAME capi.c_smoke COMMAND parley_capi_c_smoke)

if(NOT PARLEY_INSTALL OR NOT TARGET parley_cli)
  return()
endif()

set(parley_prefix ${CMAKE_CURRENT_BINARY_DIR}/install/prefix)
add_test(NAME install.clean COMMAND ${CMAKE_COMMAND} -E rm -rf ${CMAKE_CURRENT_BINARY_DIR}/install)
add_test(NAME install.prefix
         COMMAND ${CMAKE_COMMAND} --install ${PROJECT_BINARY_DIR} --prefix ${parley_prefix})
set_tests_properties(install.clean PROPERTIES FIXTURES_SETUP parley_install_clean)
set_tests_properties(install.prefix PROPERTIES
  FIXTURES_SETUP parley_installed FIXTURES_REQUIRED parley_install_clean)

# A sanitized libparley.a needs the sanitizer runtime in whatever links it.
set(example_flags "")
if(PARLEY_SANITIZE)
  set(example_flags "-fsanitize=${PARLEY_SANITIZE}")
endif()

# parley_example(NAME DIR TEST_COMMAND...): configure, build and run an
# examples/ project against the installed package only.
function(parley_example name dir)
  add_test(NAME install.${name}
    COMMAND ${CMAKE_CTEST_COMMAND}
      --build-and-test ${PROJECT_SOURCE_DIR}/examples/${dir} ${CMAKE_CURRENT_BINARY_DIR}/install/${dir}
      --build-generator ${CMAKE_GENERATOR}
      --build-noclean
      --build-options
        -DCMAKE_PREFIX_PATH=${parley_prefix}
        -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF
        -DCMAKE_BUILD_TYPE=${CMAKE_BUILD_TYPE}
        -DCMAKE_CXX_COMPILER=${CMAKE_CXX_COMPILER}
        "-DCMAKE_CXX_FLAGS=${example_flags}"
      --test-command ${ARGN})
  set_tests_properties(install.${name} PROPERTIES FIXTURES_REQUIRED parley_installed)
endfunction()

parley_example(consumer consumer consumer 太贵了)
parley_example(policy_test policy-test policy_test)

# The same policy through the installed command, on its YAML scenarios.
file(GLOB policy_scenarios ${PROJECT_SOURCE_DIR}/examples/policy-test/scenarios/*.yaml)
add_test(NAME install.policy_scenarios
  COMMAND ${parley_prefix}/${CMAKE_INSTALL_BINDIR}/parley test
          --rules ${PROJECT_SOURCE_DIR}/examples/policy-test/rules ${policy_scenarios})
set_tests_properties(install.policy_scenarios PROPERTIES FIXTURES_REQUIRED parley_installed)
