using System;
using System.Runtime.InteropServices;

namespace LossGen.Distributed;

/// <summary>
/// The part of Open MPI's C API a data-parallel run needs, bound at run time from <c>libmpi.so.40</c> (Open MPI 3 and
/// 4; Debian's <c>libopenmpi3</c>). Written by hand because no maintained .NET binding targets Open MPI (MPI.NET is
/// built for Microsoft's Windows MPI). Open MPI's predefined handles (<c>MPI_COMM_WORLD</c>, <c>MPI_FLOAT</c>,
/// <c>MPI_SUM</c>, …) are the addresses of exported objects (<c>ompi_mpi_comm_world</c>, …), read from the library.
/// </summary>
internal sealed class MpiLibrary
{
    /// <summary>The library file looked for.</summary>
    public const string FileName = "libmpi.so.40";

    /// <summary>What to install when the library is absent.</summary>
    public const string InstallHint = "install Open MPI (Debian/Ubuntu: apt-get install openmpi-bin) and launch with mpirun -np N";

    // MPI_IN_PLACE is (void *) 1 in Open MPI's mpi.h.
    public static readonly IntPtr InPlace = 1;

    private MpiLibrary(IntPtr handle)
    {
        T Function<T>(string name) where T : Delegate => Marshal.GetDelegateForFunctionPointer<T>(NativeLibrary.GetExport(handle, name));
        IntPtr Handle(string name) => NativeLibrary.GetExport(handle, name);
        InitThread = Function<InitThreadFn>("MPI_Init_thread");
        Initialized = Function<FlagFn>("MPI_Initialized");
        Finalized = Function<FlagFn>("MPI_Finalized");
        Finalize = Function<VoidFn>("MPI_Finalize");
        CommRank = Function<CommIntFn>("MPI_Comm_rank");
        CommSize = Function<CommIntFn>("MPI_Comm_size");
        Allreduce = Function<AllreduceFn>("MPI_Allreduce");
        Allgather = Function<AllgatherFn>("MPI_Allgather");
        Bcast = Function<BcastFn>("MPI_Bcast");
        Barrier = Function<CommFn>("MPI_Barrier");
        Abort = Function<AbortFn>("MPI_Abort");
        CommWorld = Handle("ompi_mpi_comm_world");
        Float = Handle("ompi_mpi_float");
        Double = Handle("ompi_mpi_double");
        Int64 = Handle("ompi_mpi_int64_t");
        Sum = Handle("ompi_mpi_op_sum");
    }

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    public delegate int InitThreadFn(IntPtr argc, IntPtr argv, int required, out int provided);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    public delegate int FlagFn(out int flag);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    public delegate int VoidFn();

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    public delegate int CommIntFn(IntPtr comm, out int value);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    public delegate int AllreduceFn(IntPtr send, IntPtr receive, int count, IntPtr type, IntPtr op, IntPtr comm);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    public delegate int AllgatherFn(IntPtr send, int sendCount, IntPtr sendType, IntPtr receive, int receiveCount, IntPtr receiveType, IntPtr comm);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    public delegate int BcastFn(IntPtr buffer, int count, IntPtr type, int root, IntPtr comm);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    public delegate int CommFn(IntPtr comm);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    public delegate int AbortFn(IntPtr comm, int code);

    public InitThreadFn InitThread { get; }

    public FlagFn Initialized { get; }

    public FlagFn Finalized { get; }

    public VoidFn Finalize { get; }

    public CommIntFn CommRank { get; }

    public CommIntFn CommSize { get; }

    public AllreduceFn Allreduce { get; }

    public AllgatherFn Allgather { get; }

    public BcastFn Bcast { get; }

    public CommFn Barrier { get; }

    public AbortFn Abort { get; }

    public IntPtr CommWorld { get; }

    public IntPtr Float { get; }

    public IntPtr Double { get; }

    public IntPtr Int64 { get; }

    public IntPtr Sum { get; }

    /// <summary>Loads the library.</summary>
    /// <exception cref="DllNotFoundException">Open MPI is not installed; the message says what to install.</exception>
    public static MpiLibrary Load()
    {
        // RTLD_GLOBAL: Open MPI's own plugins (mca_*.so) resolve their symbols against libmpi.
        IntPtr handle = NativeLibrary.TryLoad(FileName, typeof(MpiLibrary).Assembly, DllImportSearchPath.SafeDirectories, out IntPtr found) ? found : IntPtr.Zero;
        if (handle == IntPtr.Zero || dlopen(FileName, RtldNow | RtldGlobal) == IntPtr.Zero)
        {
            throw new DllNotFoundException($"Data-parallel training runs on Open MPI, and {FileName} was not found: {InstallHint}.");
        }

        return new MpiLibrary(handle);
    }

    /// <summary>Throws unless <paramref name="code"/> is MPI_SUCCESS.</summary>
    public static void Check(int code, string call)
    {
        if (code != 0)
        {
            throw new InvalidOperationException($"{call} returned MPI error {code}.");
        }
    }

    private const int RtldNow = 2;
    private const int RtldGlobal = 0x100;

    [DllImport("libc", EntryPoint = "dlopen")]
    private static extern IntPtr dlopen(string file, int mode);
}
