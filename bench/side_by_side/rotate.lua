-- wrk script: every request takes the next line of a file of paths (GET) or of bodies
-- (POST), and the next line of a file of header sets, so the load rotates over many
-- tickets, payloads and API tokens. Each thread starts at its own offset.
--
--   wrk ... -s rotate.lua URL -- METHOD LINES_FILE [HEADERS_FILE]
--
-- LINES_FILE: one path (GET) or one request body (POST) per line.
-- HEADERS_FILE: one header set per line, headers separated by a tab ("Name: value\tName: value");
-- the headers given with -H are sent too.

local counter = 0
local method = "GET"
local lines = {}
local header_sets = {}

next_thread_id = 0  -- global: setup() runs in the main state, once per thread

function setup(thread)
   thread:set("rotate_thread_id", next_thread_id)
   next_thread_id = next_thread_id + 1
end

local function split_headers(line)
   local headers = {}
   for name, value in pairs(wrk.headers) do
      headers[name] = value
   end
   for part in string.gmatch(line, "[^\t]+") do
      local name, value = string.match(part, "^([^:]+):%s*(.*)$")
      if name then
         headers[name] = value
      end
   end
   return headers
end

function init(args)
   method = args[1]
   for line in io.lines(args[2]) do
      if line ~= "" then
         lines[#lines + 1] = line
      end
   end
   if args[3] then
      for line in io.lines(args[3]) do
         if line ~= "" then
            header_sets[#header_sets + 1] = split_headers(line)
         end
      end
   end
   if #header_sets == 0 then
      header_sets[1] = split_headers("")
   end
   counter = (rotate_thread_id or 0) * 7919
end

function request()
   counter = counter + 1
   local line = lines[(counter % #lines) + 1]
   local headers = header_sets[(counter % #header_sets) + 1]
   if method == "POST" then
      return wrk.format("POST", wrk.path, headers, line)
   end
   return wrk.format("GET", line, headers, nil)
end
