-- bench.lua: a small Lua 5.4 benchmark for `make bench` (bench/run.sh).
-- usage: lua5.4 bench.lua [SCALE]   (1 = the default size)
-- Recursive calls, tables (insert, sort with a comparator, hash lookups),
-- strings (concatenation, gsub, format, find) and a floating-point loop;
-- prints one line per part so runs can be compared.
local scale = tonumber(arg and arg[1]) or 1
local function scaled(n) return math.max(1, math.floor(n * scale)) end

local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end

-- deterministic integers: a 31-bit linear congruential generator
local seed = 12345
local function rand()
  seed = (seed * 1103515245 + 12345) % 2147483648
  return seed
end

local function tables(n)
  local t = {}
  for i = 1, n do t[i] = { key = rand() % 100000, name = "k" .. (i % 977) } end
  table.sort(t, function(a, b)
    if a.key ~= b.key then return a.key < b.key end
    return a.name < b.name
  end)
  local count, sum = {}, 0
  for i = 1, n do
    local e = t[i]
    count[e.name] = (count[e.name] or 0) + 1
    sum = (sum + e.key * i) % 1000000007
  end
  local distinct = 0
  for _ in pairs(count) do distinct = distinct + 1 end
  return sum, distinct
end

local function strings(n)
  local parts = {}
  for i = 1, n do parts[#parts + 1] = string.format("%d:%x;", i, (i * 7919) % 65536) end
  local s = table.concat(parts)
  local vowels = select(2, s:gsub("[aeiou]", ""))
  local hits, pos = 0, 1
  while true do
    local a = s:find("1f", pos, true)
    if not a then break end
    hits, pos = hits + 1, a + 1
  end
  local up = s:sub(1, 1000):upper():reverse()
  return #s, vowels, hits, up:byte(1)
end

local function floats(n)
  -- a Mandelbrot set of n x n points, counting iterations
  local total = 0
  for y = 0, n - 1 do
    local ci = 2.0 * y / n - 1.0
    for x = 0, n - 1 do
      local cr = 2.5 * x / n - 2.0
      local zr, zi, k = 0.0, 0.0, 0
      while k < 50 and zr * zr + zi * zi < 4.0 do
        zr, zi = zr * zr - zi * zi + cr, 2.0 * zr * zi + ci
        k = k + 1
      end
      total = total + k
    end
  end
  return total
end

print("fib", fib(20 + math.min(6, math.floor(math.log(scale, 2) + 0.5) + 2)))
print("tables", tables(scaled(30000)))
print("strings", strings(scaled(40000)))
print("floats", floats(math.floor(120 * math.sqrt(scale))))
