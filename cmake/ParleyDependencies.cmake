# Every dependency comes from Debian's packages (see README.md).
include(GNUInstallDirs)
find_package(fmt REQUIRED)
find_package(yaml-cpp REQUIRED)
find_package(Boost 1.81 REQUIRED CONFIG COMPONENTS json program_options)

# yaml-cpp 0.7 (Debian 12) exports `yaml-cpp` without a namespace; 0.8 exports
# `yaml-cpp::yaml-cpp`. Use the plain name everywhere and make it exist.
if(NOT TARGET yaml-cpp AND TARGET yaml-cpp::yaml-cpp)
  add_library(yaml-cpp INTERFACE IMPORTED)
  target_link_libraries(yaml-cpp INTERFACE yaml-cpp::yaml-cpp)
endif()
